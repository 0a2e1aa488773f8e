import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared stylesheets first, so a feature's own stylesheet (imported by its component) wins ties.
import './styles/tokens.css';
import './styles/base.css';
import './styles/ui.css';
import './app.css';
import { createApiClient } from './api';
import { App } from './App';
import { applyThemeChoice, readThemeChoice } from './theme/themePreference';

// Before the first render, so the first frame is already in the chosen theme.
applyThemeChoice(readThemeChoice());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App api={createApiClient(window.api)} />
  </StrictMode>,
);
