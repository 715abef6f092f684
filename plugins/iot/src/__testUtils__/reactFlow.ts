/**
 * What @xyflow/react needs from a browser that jsdom lacks (see its testing
 * guide): ResizeObserver, DOMMatrixReadOnly (the viewport's transform),
 * element sizes (nodes count as measured once they have one) and
 * `elementFromPoint` (connecting by clicking two handles). Call once per
 * test file, before rendering a canvas.
 */
export function stubReactFlowBrowser() {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      // later, as a browser reports sizes: after the canvas has set itself up
      queueMicrotask(() =>
        this.callback(
          [{ target } as ResizeObserverEntry],
          this as unknown as ResizeObserver,
        ),
      );
    }
    unobserve() {}
    disconnect() {}
  }

  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      this.m22 = scale === undefined ? 1 : Number(scale);
    }
  }

  Object.assign(globalThis, {
    ResizeObserver: ResizeObserverStub,
    DOMMatrixReadOnly: DOMMatrixReadOnlyStub,
  });
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get() {
        return parseFloat(this.style.height) || 60;
      },
    },
    offsetWidth: {
      configurable: true,
      get() {
        return parseFloat(this.style.width) || 220;
      },
    },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox =
    () => ({ x: 0, y: 0, width: 0, height: 0 } as DOMRect);
  document.elementFromPoint = () => null;
}
