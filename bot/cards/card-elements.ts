/**
 * The small typed subset of Adaptive Cards 1.5 that Spotter's cards are built from.
 *
 * @remarks
 * Builders return plain JSON; these types keep them honest without an SDK dependency. Every
 * button is an `Action.Execute` (Universal Actions) that falls back to an `Action.Submit`
 * carrying the same verb, so older clients reach the same handler.
 */

/** An Adaptive Card 1.5. */
export interface AdaptiveCard {
  /** Always `AdaptiveCard`. */
  readonly type: 'AdaptiveCard';
  /** Always `1.5` (Teams desktop and web). */
  readonly version: '1.5';
  /** The card's content. */
  readonly body: readonly CardElement[];
  /** Buttons under the content. */
  readonly actions?: readonly CardAction[];
  /** Schema hint for editors. */
  readonly $schema?: string;
}

/** A line of text. */
export interface TextBlock {
  readonly type: 'TextBlock';
  /** Markdown subset; user text must go through `escapeCardText`. */
  readonly text: string;
  /** Wrap long lines. */
  readonly wrap?: boolean;
  /** Text size. */
  readonly size?: 'small' | 'default' | 'medium' | 'large';
  /** Text weight. */
  readonly weight?: 'default' | 'bolder';
  /** Text colour. */
  readonly color?: 'default' | 'accent' | 'good' | 'warning' | 'attention';
  /** Dimmer text. */
  readonly isSubtle?: boolean;
  /** Space above. */
  readonly spacing?: 'none' | 'small' | 'medium' | 'large';
  /** A line above. */
  readonly separator?: boolean;
}

/** Label/value pairs. */
export interface FactSet {
  readonly type: 'FactSet';
  /** The pairs. */
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

/** Fields common to every input. */
interface InputBase {
  /** Key of the value in the submitted data. */
  readonly id: string;
  /** Visible label. */
  readonly label?: string;
}

/** A text field. */
export interface TextInput extends InputBase {
  readonly type: 'Input.Text';
  /** Prefilled value. */
  readonly value?: string;
  /** Hint shown while empty. */
  readonly placeholder?: string;
  /** Several lines. */
  readonly isMultiline?: boolean;
  /** Most characters. */
  readonly maxLength?: number;
}

/** A number field. */
export interface NumberInput extends InputBase {
  readonly type: 'Input.Number';
  /** Prefilled value. */
  readonly value?: number;
  /** Smallest value. */
  readonly min?: number;
  /** Largest value. */
  readonly max?: number;
  /** Hint shown while empty. */
  readonly placeholder?: string;
}

/** A time field (`HH:MM`). */
export interface TimeInput extends InputBase {
  readonly type: 'Input.Time';
  /** Prefilled value. */
  readonly value?: string;
}

/** An on/off switch whose submitted value is `valueOn` or `valueOff`. */
export interface ToggleInput extends InputBase {
  readonly type: 'Input.Toggle';
  /** Text beside the switch. */
  readonly title: string;
  /** Prefilled value. */
  readonly value?: string;
  /** Value when on. */
  readonly valueOn?: string;
  /** Value when off. */
  readonly valueOff?: string;
}

/** One option of a choice set. */
export interface Choice {
  /** What the person sees. */
  readonly title: string;
  /** What is submitted. */
  readonly value: string;
}

/** A drop-down, or with `choices.data` the Teams people picker. */
export interface ChoiceSetInput extends InputBase {
  readonly type: 'Input.ChoiceSet';
  /** Static options (for the people picker: the people already chosen). */
  readonly choices: readonly Choice[];
  /** Dynamic options from a dataset (the people picker). */
  readonly 'choices.data'?: { readonly type: 'Data.Query'; readonly dataset: string };
  /** Several values, submitted comma-separated. */
  readonly isMultiSelect?: boolean;
  /** Prefilled value(s), comma-separated. */
  readonly value?: string;
  /** `compact` is a drop-down. */
  readonly style?: 'compact' | 'expanded' | 'filtered';
  /** Hint shown while empty. */
  readonly placeholder?: string;
}

/** Any card input. */
export type CardInput = TextInput | NumberInput | TimeInput | ToggleInput | ChoiceSetInput;

/** A group of elements. */
export interface Container {
  readonly type: 'Container';
  /** The elements. */
  readonly items: readonly CardElement[];
  /** Space above. */
  readonly spacing?: 'none' | 'small' | 'medium' | 'large';
  /** A line above. */
  readonly separator?: boolean;
}

/** Buttons inside the body. */
export interface ActionSet {
  readonly type: 'ActionSet';
  /** The buttons. */
  readonly actions: readonly CardAction[];
}

/** Any body element. */
export type CardElement = TextBlock | FactSet | CardInput | Container | ActionSet;

/** Data an action sends besides the inputs. */
export type ActionData = Readonly<Record<string, string | number | boolean>>;

/** The fallback of an `Action.Execute` for clients without Universal Actions. */
export interface SubmitAction {
  readonly type: 'Action.Submit';
  /** Button text. */
  readonly title: string;
  /** The verb (routed on by teams-ai's `actionSubmit`) plus the action's data. */
  readonly data: ActionData & { readonly verb: string };
  /** Button style. */
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Which inputs must be valid before it submits: none for buttons that ignore them. */
  readonly associatedInputs?: 'auto' | 'none';
}

/** A Universal Action button. */
export interface ExecuteAction {
  readonly type: 'Action.Execute';
  /** Button text. */
  readonly title: string;
  /** What the bot should do. */
  readonly verb: string;
  /** Data sent with the inputs. */
  readonly data?: ActionData;
  /** Button style. */
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Which inputs must be valid before it submits: none for buttons that ignore them. */
  readonly associatedInputs?: 'auto' | 'none';
  /** What older clients get instead. */
  readonly fallback: SubmitAction;
}

/** Any card action. */
export type CardAction = ExecuteAction;

/** Options of {@link executeAction}. */
export interface ExecuteOptions {
  /** Data sent besides the inputs. */
  readonly data?: ActionData;
  /** Button style. @default 'default' */
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Send no input values (a button that only acts on its own data). @default false */
  readonly ignoreInputs?: boolean;
}

/** An `Action.Execute` with an `Action.Submit` fallback that carries the same verb and data. */
export function executeAction(
  title: string,
  verb: string,
  options: ExecuteOptions = {},
): ExecuteAction {
  const data = options.data ?? {};
  const style = options.style ? { style: options.style } : {};
  const inputs = options.ignoreInputs ? { associatedInputs: 'none' as const } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    ...(options.data ? { data } : {}),
    ...style,
    ...inputs,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb }, ...style, ...inputs },
  };
}

/** A card with the version and schema set. */
export function adaptiveCard(
  body: readonly CardElement[],
  actions: readonly CardAction[] = [],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** A short message at the top of a card: a confirmation or a friendly problem. */
export interface CardNotice {
  /** Already translated; user text inside it already escaped. */
  readonly text: string;
  /** `good` for a confirmation, `attention` for a problem. */
  readonly tone: 'good' | 'attention';
}

/** The text block of a notice. */
export function noticeBlock(notice: CardNotice): TextBlock {
  return { type: 'TextBlock', text: notice.text, wrap: true, color: notice.tone };
}
