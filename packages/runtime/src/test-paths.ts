// A tiny paths type for exercising the runtime without a generated package.
export interface TestPaths {
  '/things/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string; n?: number } } } };
    };
    post: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } } };
    };
  };
}
