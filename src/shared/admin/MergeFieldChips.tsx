import { Box, Flex, Typography } from '@strapi/design-system';

/**
 * « Champs disponibles »: a row of chips, one per merge field, showing its label; a click inserts
 * `{{field}}` at the caret of the field being edited. The chip takes no focus (mouse down is
 * held back), so the caret and the selection of the text field stay where they were.
 */
export const MergeFieldChips = ({
  title,
  fields,
  labelOf,
  onInsert,
  testId = 'merge-field-chips',
}: {
  title: string;
  fields: Readonly<Record<string, string>>;
  /** The label to show (translated), from the field and its French label. */
  labelOf: (field: string, label: string) => string;
  onInsert: (field: string) => void;
  testId?: string;
}) => (
  <Flex direction="column" alignItems="stretch" gap={1} data-testid={testId}>
    <Typography variant="pi" fontWeight="bold" textColor="neutral700">
      {title}
    </Typography>
    <Flex gap={1} wrap="wrap">
      {Object.entries(fields).map(([field, label]) => (
        <Box
          key={field}
          tag="button"
          type="button"
          data-field={field}
          // Named by its label only (an aria-label with the field would be a second « Nom de la
          // campagne » next to the form's own field); the field it inserts is its description.
          title={`{{${field}}}`}
          onMouseDown={(event: React.MouseEvent) => event.preventDefault()}
          onClick={() => onInsert(field)}
          background="primary100"
          borderColor="primary200"
          borderStyle="solid"
          borderWidth="1px"
          hasRadius
          paddingLeft={2}
          paddingRight={2}
          paddingTop={1}
          paddingBottom={1}
          style={{ cursor: 'pointer' }}
        >
          <Typography variant="pi" textColor="primary700">
            {labelOf(field, label)}
          </Typography>
        </Box>
      ))}
    </Flex>
  </Flex>
);

/**
 * Puts `text` in place of the selection of a text field (at its caret), through the form's own
 * setter (so the form knows it changed), then gives the field its focus back with the caret after
 * the insertion. Without a field (not rendered yet), appends.
 */
export function insertAtCaret(
  element: HTMLTextAreaElement | HTMLInputElement | null,
  value: string,
  text: string,
  setValue: (next: string) => void
): void {
  const start = element?.selectionStart ?? value.length;
  const end = element?.selectionEnd ?? start;
  setValue(value.slice(0, start) + text + value.slice(end));
  if (!element) return;
  requestAnimationFrame(() => {
    element.focus();
    element.setSelectionRange(start + text.length, start + text.length);
  });
}

/** A text with merge fields as staff read it: `{{structure.name}}` → `[Nom de la structure]`. */
export const readableMerge = (text: string, fields: Readonly<Record<string, string>>, labelOf: (field: string, label: string) => string): string =>
  text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (raw, field: string) => (field in fields ? `[${labelOf(field, fields[field])}]` : raw));
