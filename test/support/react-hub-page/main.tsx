// A customer's React app as StackOne's React guide writes it: `useStackOneHub({ connectUrl })` from the
// real `@stackone/react-hub`, with the session token and connectUrl taken from the page's query string.
import { useStackOneHub } from '@stackone/react-hub';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

type HostEvent = { type: 'success' | 'cancel' | 'close'; account?: { id: string; provider: string } };
declare global {
  interface Window {
    connectEvents: HostEvent[];
  }
}

const params = new URLSearchParams(window.location.search);
window.connectEvents = [];

function App() {
  const { startConnect } = useStackOneHub({ connectUrl: params.get('connectUrl') ?? undefined });
  const [events, setEvents] = useState<HostEvent[]>([]);
  const record = (event: HostEvent) => {
    window.connectEvents.push(event);
    setEvents((list) => [...list, event]);
  };
  return (
    <main>
      <h1>React host app</h1>
      <button
        type="button"
        onClick={() =>
          startConnect({
            sessionToken: params.get('token') ?? '',
            onSuccess: (account) => record({ type: 'success', account }),
            onCancel: () => record({ type: 'cancel' }),
            onClose: () => record({ type: 'close' }),
          })
        }
      >
        Connect account
      </button>
      <ol aria-label="Host events">
        {events.map((e, i) => (
          <li key={i}>{e.account ? `${e.type} ${e.account.provider} ${e.account.id}` : e.type}</li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
