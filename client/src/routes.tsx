// Every address of the app. The server answers unknown non-API paths with the app, so each of these
// also works on a direct load and a reload.
import type { ReactNode } from 'react';
import { createBrowserRouter, useParams } from 'react-router';
import { AppLayout } from './layout/AppLayout.js';
import { ChannelPage } from './pages/ChannelPage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { PlaylistPage } from './pages/PlaylistPage.js';
import { PlaylistsPage } from './pages/PlaylistsPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { SignUpPage } from './pages/SignUpPage.js';
import { StudioPage } from './pages/StudioPage.js';
import { SubscriptionsPage } from './pages/SubscriptionsPage.js';
import { UploadPage } from './pages/UploadPage.js';
import { WatchPage } from './pages/WatchPage.js';
import { RequireSignIn } from './session/RequireSignIn.js';

/** Channels live at /@handle; a path segment cannot be half literal, half parameter, so it is checked here. */
function ChannelOrNotFound() {
  const { segment = '' } = useParams();
  return segment.startsWith('@') ? <ChannelPage handle={segment.slice(1)} /> : <NotFoundPage />;
}

const signedIn = (page: ReactNode) => <RequireSignIn>{page}</RequireSignIn>;

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'watch/:id', element: <WatchPage /> },
      { path: 'playlist/:id', element: <PlaylistPage /> },
      { path: ':segment', element: <ChannelOrNotFound /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'upload', element: signedIn(<UploadPage />) },
      { path: 'studio', element: signedIn(<StudioPage />) },
      { path: 'subscriptions', element: signedIn(<SubscriptionsPage />) },
      { path: 'history', element: signedIn(<HistoryPage />) },
      { path: 'playlists', element: signedIn(<PlaylistsPage />) },
      { path: 'notifications', element: signedIn(<NotificationsPage />) },
      { path: 'settings', element: signedIn(<SettingsPage />) },
      { path: 'signin', element: <SignInPage /> },
      { path: 'signup', element: <SignUpPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
