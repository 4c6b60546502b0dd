import type { TemplateKind } from '../domain/kinds';

/** A template shipped with the app; `version` goes up whenever its text changes. */
export interface DefaultTemplate {
  key: string;
  kind: TemplateKind;
  name: string;
  version: number;
  html: string;
  css: string;
}
