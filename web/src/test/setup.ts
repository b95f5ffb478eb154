import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom has no layout or canvas: these would only print "not implemented" noise.
window.scrollTo = () => {};
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];

afterEach(() => cleanup());
