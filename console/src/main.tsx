import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiError } from './api/problem.js';
import type { ConsoleConfig } from './session/config.js';
import { SessionProvider } from './session/session.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 2_000,
      // Refusals (4xx) are answers, not hiccups: do not retry them; retry a lost connection or a 503 twice.
      retry: (count, error) =>
        count < 2 && error instanceof ApiError && (error.readable.status === 0 || error.readable.status >= 500),
    },
  },
});

const root = createRoot(document.getElementById('root')!);
try {
  const response = await fetch('/console-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(String(response.status));
  const config = (await response.json()) as ConsoleConfig;
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider config={config}>
          <App />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
} catch {
  root.render(
    <main className="centered">
      <p role="alert">The console cannot reach its server. Check the connection, then reload this page.</p>
    </main>,
  );
}
