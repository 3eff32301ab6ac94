import { render } from 'preact';
import { html } from './app/html';
import { App } from './app/app';
import { href, navigate } from './app/router';
import { loadSession, whenSessionEnds } from './app/session';
import './styles.css';

whenSessionEnds(
  (next) => navigate(href('/login', { next, expired: '1' }), { replace: true }),
  () => navigate(`${window.location.pathname}${window.location.search}`, { replace: true }),
);
void loadSession().then(() => render(html`<${App} />`, document.getElementById('app')!));
