import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared stylesheets first, so a feature's own stylesheet (imported by its component) wins ties.
import './styles/tokens.css';
import './styles/base.css';
import './styles/ui.css';
import './app.css';
import { createApiClient } from './api';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App api={createApiClient(window.api)} />
  </StrictMode>,
);
