import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { localeStore } from './i18n/locale-store.ts';
import './styles.css';

document.documentElement.lang = localeStore.get();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
