// The header's search field: submitting opens /search?q=…, and the field shows the current query.
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { AppIcon } from '../components/AppIcon.js';

export function SearchBox() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const current = params.get('q') ?? '';
  const [query, setQuery] = useState(current);
  useEffect(() => setQuery(current), [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = query.trim();
    if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
  }

  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <label className="visually-hidden" htmlFor="search-query">
          Search videos
        </label>
        <input
          id="search-query"
          type="search"
          placeholder="Search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" aria-label="Search">
          <AppIcon name="search" />
        </button>
      </form>
    </search>
  );
}
