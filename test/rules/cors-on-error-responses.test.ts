import { ruleTester, values } from './_ruleTester';

const CORS = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"';
const body = (how: string, codes: string) =>
  `With \`custom-http-errors\`, a ${codes} from the backend is replaced by the default backend's page through \`error_page … = @custom_…\`: that named location has none of ${how}, so the browser blocks the response and the page's script sees a network error instead of the status. Let the application answer these statuses itself (remove them from the annotation), or have the default backend add the CORS headers.`;

ruleTester('cors-on-error-responses', {
  valid: [
    { name: 'CORS on, no custom-http-errors', code: values(CORS) },
    { name: 'custom-http-errors, CORS off', code: values('custom-http-errors: "404,503"') },
    { name: 'custom-http-errors empty', code: values(`${CORS}\ncustom-http-errors: ""`) },
    { name: 'Ingress not rendered', code: values(`${CORS}\ncustom-http-errors: "404"`, { enabled: 'false' }) },
  ],
  invalid: [
    {
      name: 'native CORS with custom-http-errors',
      code: values(`${CORS}\ncustom-http-errors: "404,503"`),
      errors: [
        {
          messageId: 'errorPages',
          data: { codes: '404, 503' },
          message: body("ingress-nginx's CORS headers", '404, 503'),
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 62,
          severity: 'info',
        },
      ],
      output: null,
    },
    {
      name: 'hand-written CORS with custom-http-errors',
      code: values(
        'configuration-snippet: |\n      more_set_headers "Access-Control-Allow-Origin: https://dashboard.example.com";\ncustom-http-errors: "503"',
      ),
      errors: [
        {
          messageId: 'errorPages',
          data: { codes: '503' },
          message: body('the hand-written CORS headers', '503'),
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 58,
          severity: 'info',
        },
      ],
      output: null,
    },
  ],
});
