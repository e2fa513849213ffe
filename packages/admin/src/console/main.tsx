import { render } from 'preact';
import { App } from './App';
import { resume } from './session';
import './styles.css';

const root = document.getElementById('app');
if (root) void resume().finally(() => render(<App />, root));
