import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import './i18n/index.js';
import { createQueryClient } from './api/query-client.js';
import { App } from './app.js';
import { applyStoredTheme, followSystemTheme } from './components/theme-choice.js';
import { SessionProvider } from './session/session.js';

// Citizens (clients, informal caregivers) get their own shell and session: it never asks for the staff session.
const CitizenApp = lazy(async () => ({ default: (await import('./pages/citizen/citizen-app.js')).CitizenApp }));

applyStoredTheme();
followSystemTheme();
// The service worker receives Web Push while the app is closed (see web/public/sw.js).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <BrowserRouter>
          <Routes>
            <Route
              path="/burger/*"
              element={
                <Suspense fallback={null}>
                  <CitizenApp />
                </Suspense>
              }
            />
            <Route
              path="*"
              element={
                <SessionProvider>
                  <App />
                </SessionProvider>
              }
            />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
