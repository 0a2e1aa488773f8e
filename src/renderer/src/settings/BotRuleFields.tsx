/**
 * The inputs of one bot rule in Settings: its on/off switch and its thresholds. Each edits one
 * field of one rule and hands the whole changed rule set up.
 */
import { type BotRules, defaultBotRules } from '../../../shared/schemas/bots';

type RuleName = keyof BotRules;
type NumberField<R extends RuleName> = {
  [F in keyof BotRules[R]]: BotRules[R][F] extends number ? F : never;
}[keyof BotRules[R]];

interface RuleProps<R extends RuleName> {
  rules: BotRules;
  rule: R;
  onChange: (next: BotRules) => void;
}

function withRule<R extends RuleName>(rules: BotRules, rule: R, change: Partial<BotRules[R]>): BotRules {
  return { ...rules, [rule]: { ...rules[rule], ...change } };
}

/** The rule's checkbox; its sentence follows it inside the same label. */
export function RuleSwitch<R extends RuleName>({ rules, rule, onChange }: RuleProps<R>) {
  return (
    <input
      type="checkbox"
      checked={rules[rule].enabled}
      onChange={(e) => onChange(withRule(rules, rule, { enabled: e.target.checked } as Partial<BotRules[R]>))}
    />
  );
}

/** One threshold of a rule; what is not a whole number leaves it at the vendors' default. */
export function RuleNumber<R extends RuleName>({
  rules,
  rule,
  field,
  min,
  label,
  onChange,
}: RuleProps<R> & { field: NumberField<R>; min: number; label: string }) {
  const fallback = defaultBotRules[rule][field] as number;
  return (
    <input
      className="input input-number"
      type="number"
      min={min}
      aria-label={label}
      value={rules[rule][field] as number}
      onChange={(e) => {
        const value = Number(e.target.value);
        const next = { [field]: Number.isInteger(value) ? value : fallback } as Partial<BotRules[R]>;
        onChange(withRule(rules, rule, next));
      }}
    />
  );
}
