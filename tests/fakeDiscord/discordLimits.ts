/**
 * Discord's rules for message and autocomplete bodies, written independently of the bot's
 * own `limits.ts` so the fake rejects what Discord would, whatever the bot believes.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

function length(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

export function problemsWithMessage(data: any, options: { edit?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!data || typeof data !== 'object') return ['message data missing'];
  if (length(data.content) > 2000) problems.push(`content is ${length(data.content)} characters (max 2000)`);
  const embeds: any[] = data.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds (max 10)`);
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const check = (what: string, value: unknown, max: number, required = false) => {
      if (required && length(value) === 0) problems.push(`embed ${i} ${what} is empty`);
      if (length(value) > max)
        problems.push(`embed ${i} ${what} is ${length(value)} characters (max ${max})`);
      total += length(value);
    };
    check('title', embed.title, 256);
    check('description', embed.description, 4096);
    check('footer', embed.footer?.text, 2048, embed.footer !== undefined);
    check('author', embed.author?.name, 256, embed.author !== undefined);
    const fields: any[] = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields (max 25)`);
    for (const field of fields) {
      check('field name', field.name, 256, true);
      check('field value', field.value, 1024, true);
    }
  }
  if (total > 6000) problems.push(`embeds total ${total} characters (max 6000)`);
  const rows: any[] = data.components ?? [];
  if (rows.length > 5) problems.push(`${rows.length} component rows (max 5)`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== 1) problems.push('top-level component is not an action row');
    const buttons: any[] = row.components ?? [];
    if (buttons.length === 0 || buttons.length > 5)
      problems.push(`action row has ${buttons.length} components (1 to 5)`);
    for (const button of buttons) {
      if (button.type !== 2) continue;
      if (length(button.label) > 80)
        problems.push(`button label is ${length(button.label)} characters (max 80)`);
      if (button.style !== 5) {
        if (length(button.custom_id) === 0 || length(button.custom_id) > 100) {
          problems.push(`custom_id "${button.custom_id}" must be 1 to 100 characters`);
        }
        if (ids.has(button.custom_id)) problems.push(`custom_id "${button.custom_id}" is used twice`);
        ids.add(button.custom_id);
      }
    }
  }
  if (!options.edit && length(data.content) === 0 && embeds.length === 0)
    problems.push('Cannot send an empty message');
  return problems;
}

export function problemsWithChoices(data: any): string[] {
  const choices: any[] = data?.choices;
  if (!Array.isArray(choices)) return ['autocomplete result without choices'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`${choices.length} choices (max 25)`);
  for (const choice of choices) {
    if (length(choice.name) < 1 || length(choice.name) > 100)
      problems.push(`choice name "${choice.name}" must be 1 to 100 characters`);
    if (typeof choice.value === 'string' && choice.value.length > 100)
      problems.push(`choice value is ${choice.value.length} characters (max 100)`);
  }
  return problems;
}
