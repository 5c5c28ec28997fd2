/**
 * CORS headers written by hand instead of (or next to) the controller's CORS settings: ingress-nginx
 * `configuration-snippet` / `server-snippet` (`add_header`, `more_set_headers`), Traefik
 * `customResponseHeaders`. The facts: docs/reference/handwritten-cors.md.
 */
import type { Range } from '../../types';

/** A condition on the request an nginx `if` puts on the headers inside it. */
export interface HandCondition {
  variable: 'origin' | 'method';
  /** `=`/`!=` compare the string; `~`/`~*` (and `!~`/`!~*`) search a PCRE regex (`*`: case-insensitive). */
  op: '=' | '!=' | '~' | '~*' | '!~' | '!~*';
  value: string;
}

/** One hand-written response header. */
export interface HandHeader {
  /** The header name as written. */
  name: string;
  /** The value as written (`$http_origin` stays as is). */
  value: string;
  /** The value reflects the request's Origin (`$http_origin`, or a variable set from it). */
  echo: boolean;
  /** The conditions of the `if` blocks around it. */
  conditions: HandCondition[];
  /** The conditions under which its variable holds the Origin (`set $v $http_origin` inside an `if`). */
  valueConditions: HandCondition[];
  /** Sent on every status (more_set_headers, `add_header … always`, Traefik), or only on 2xx/3xx (`add_header`). */
  always: boolean;
  /** What wrote it: `add_header`, `more_set_headers`, `customResponseHeaders`, `set`/`add` (Istio, Gateway API). */
  directive: string;
  /** Appended as another header line next to any header of that name (`add_header`, Istio/Gateway API `add`). */
  appends?: boolean;
  /** Where it is written: `configuration-snippet`, `server-snippet`, `spec.headers.customResponseHeaders`. */
  via: string;
  /**
   * nginx configuration level: 'server' (server-snippet), 'location' (configuration-snippet), 'if' (inside an
   * `if` block, its own level for `add_header` inheritance), 'other' (inside a `location` of a server-snippet:
   * another path, not this Ingress's). Other controllers: 'location'.
   */
  level: 'server' | 'location' | 'if' | 'other';
  /** Index of the `if` block it is in (one per block, in order), for add_header inheritance. */
  ifBlock?: number;
  /** The whole directive, and the value alone, in the file (the snippet's value range when not mappable). */
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

/** `if ($request_method = OPTIONS) { … return 204; }`: the preflight answered by nginx itself. */
export interface HandReturn {
  status: number;
  conditions: HandCondition[];
  ifBlock?: number;
  level: HandHeader['level'];
  range: Range;
  via: string;
}

/** A snippet annotation that carries hand-written configuration. */
export interface HandSource {
  via: string;
  /** The annotation key or field path. */
  label: string;
  keyRange: Range;
  valueRange: Range;
}

export interface HandwrittenCors {
  headers: HandHeader[];
  returns: HandReturn[];
  sources: HandSource[];
  /** The controller's own CORS is on as well (then both write the same headers). */
  native: boolean;
  /**
   * When the controller's own CORS is on too and its headers replace the hand-written ones (Envoy's CORS filter runs
   * after the route's header mutations): what the browser gets, in one sentence.
   */
  nativeWins?: string;
  /** Why the controller does not apply the snippets (ingress-nginx: snippets off by default), when it does not. */
  ignoredWhy?: string;
}

/** Whether a header is appended next to others of its name (otherwise it replaces them). */
export const appendsHeader = (h: HandHeader): boolean => h.appends ?? h.directive === 'add_header';
