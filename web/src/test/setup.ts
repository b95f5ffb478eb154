import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom has no layout or canvas: these would only print "not implemented" noise. (Pure tests run in Node.)
if (typeof window !== 'undefined') {
  window.scrollTo = () => {};
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
  afterEach(() => cleanup());
}
