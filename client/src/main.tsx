// Starts the app: the query cache, the router, and the styles.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiFailure, retryUnlessRefused } from './api/client.js';
import { forgetSession } from './api/session.js';
import { router } from './routes.js';
import './styles/index.css';

// A 401 anywhere means the session is gone (expired, or ended on another device): show the app signed out.
const onError = (error: Error) => {
  if (error instanceof ApiFailure && error.status === 401) forgetSession(queryClient);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: retryUnlessRefused } },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
