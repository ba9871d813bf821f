// /search?q= — public videos matching the words, with sort, upload date and length filters.
import { useSearchParams } from 'react-router';
import { searchResults } from '../api/search.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import {
  filtersAsWritten,
  filtersFromAddress,
  LENGTHS,
  SORTS,
  UPLOAD_DATES,
} from '../search/searchFilters.js';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromAddress(params);
  usePageTitle(filters.q ? `${filters.q} – search` : 'Search');

  function choose(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  const filter = (name: string, label: string, options: readonly { value: string; label: string }[]) => (
    <label className="player-setting">
      {label}
      <select
        value={params.get(name) ?? options[0]?.value}
        onChange={(event) => choose(name, event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <h1 className="page-heading">{filters.q ? `Results for “${filters.q}”` : 'Search'}</h1>
      <div className="search-filters">
        {filter('sort', 'Sort by', SORTS)}
        {filter('date', 'Uploaded', UPLOAD_DATES)}
        {filter('length', 'Length', LENGTHS)}
      </div>
      {filters.q ? (
        <VideoFeed
          list={searchResults(filters, filtersAsWritten(params))}
          emptyMessage="No videos match. Try other words or fewer filters."
        />
      ) : (
        <p className="status">Type something in the search box above.</p>
      )}
    </>
  );
}
