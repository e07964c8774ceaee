/** A reactive controller that listens on `document` only while its host is connected. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class DocumentListener<K extends keyof GlobalEventHandlersEventMap> implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly type: K,
    private readonly listener: (event: GlobalEventHandlersEventMap[K]) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener(this.type, this.listener);
  }

  hostDisconnected(): void {
    document.removeEventListener(this.type, this.listener);
  }
}
