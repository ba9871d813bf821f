// The search page's filters live in its address (/search?q=…&sort=…&date=…&length=…), so a search can be
// shared, reloaded and gone back to. This turns those words into what the API asks for.
import type { SearchFilters } from '../api/search.js';

export const SORTS = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'date', label: 'Upload date' },
  { value: 'views', label: 'View count' },
] as const;

export const UPLOAD_DATES = [
  { value: '', label: 'Any time', days: 0 },
  { value: 'today', label: 'Today', days: 1 },
  { value: 'week', label: 'This week', days: 7 },
  { value: 'month', label: 'This month', days: 31 },
  { value: 'year', label: 'This year', days: 366 },
] as const;

export const LENGTHS = [
  { value: '', label: 'Any length', min: undefined, max: undefined },
  { value: 'short', label: 'Under 4 minutes', min: undefined, max: 4 * 60 },
  { value: 'medium', label: '4–20 minutes', min: 4 * 60, max: 20 * 60 },
  { value: 'long', label: 'Over 20 minutes', min: 20 * 60, max: undefined },
] as const;

/** The filters as the address writes them: what a search is cached by. */
export function filtersAsWritten(params: URLSearchParams): (string | null)[] {
  return ['q', 'sort', 'date', 'length'].map((name) => params.get(name));
}

export function filtersFromAddress(params: URLSearchParams, now = Date.now()): SearchFilters {
  const sort = SORTS.find((option) => option.value === params.get('sort'))?.value ?? 'relevance';
  const date = UPLOAD_DATES.find((option) => option.value === params.get('date'));
  const length = LENGTHS.find((option) => option.value === params.get('length'));
  return {
    q: params.get('q')?.trim() ?? '',
    sort,
    uploadedAfter: date?.days ? new Date(now - date.days * 86_400_000).toISOString() : undefined,
    minDuration: length?.min,
    maxDuration: length?.max,
  };
}
