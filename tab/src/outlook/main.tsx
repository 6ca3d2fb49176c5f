// Entry point of the Outlook task pane (tab/outlook.html): mounts the pane.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';
import { OutlookPane } from './outlook-pane';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to mount the pane in.');
createRoot(root).render(
  <StrictMode>
    <OutlookPane />
  </StrictMode>,
);
