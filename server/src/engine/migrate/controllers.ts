/**
 * Lifecycle facts per controller (docs/reference/migration.md §1). ingress-nginx: best-effort maintenance
 * ended in March 2026; no releases, bug fixes or security fixes since (Kubernetes blog, 2025-11-11,
 * "Ingress NGINX Retirement: What You Need to Know"). Last releases: controller v1.15.1 / chart 4.15.1, 2026-03-19.
 */
import type { Controller } from '../types';

export interface ControllerStatus {
  /** Retired: no releases or security fixes any more. */
  retired?: { since: string; source: string };
}

const STATUS: Partial<Record<Controller, ControllerStatus>> = {
  'ingress-nginx': { retired: { since: 'March 2026', source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/' } },
};

export function controllerStatus(c: Controller): ControllerStatus {
  return STATUS[c] ?? {};
}
