// The embedded player (/embed/{id}), a page of its own for iframes on other sites: the player and the
// video's title, without the app's router, header or pages. `?start=` (seconds, `1m30s`, `1:30`) and
// `?autoplay=1` (muted) come from the address.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { retryUnlessRefused } from '../api/client.js';
import { parseStartTime } from '../share/startTime.js';
import { EmbedPage } from './EmbedPage.js';
import '../styles/embed.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: retryUnlessRefused } },
});

const id = location.pathname.split('/').filter(Boolean)[1] ?? '';
const params = new URLSearchParams(location.search);

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <EmbedPage
        id={id}
        startAt={parseStartTime(params.get('start'))}
        autoplay={params.get('autoplay') === '1'}
      />
    </QueryClientProvider>
  </StrictMode>,
);
