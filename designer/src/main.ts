import { render } from 'preact';
import { html } from './app/html';
import { App } from './app/app';
import './styles.css';

render(html`<${App} />`, document.getElementById('app')!);
