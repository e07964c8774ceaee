/** The mocha globals @web/test-runner gives widget tests (the project has no @types/mocha). */
type Body = (this: unknown) => void | Promise<unknown>;

declare global {
  function describe(title: string, body: () => void): void;
  function it(title: string, body: Body): void;
  function before(body: Body): void;
  function after(body: Body): void;
  function beforeEach(body: Body): void;
  function afterEach(body: Body): void;
}

export {};
