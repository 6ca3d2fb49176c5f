/**
 * A list of people typed by name: type one or several (separated by commas) and add them; each
 * shows as a tag that a click or the Delete key removes.
 */
import {
  Button,
  Caption1,
  Input,
  Label,
  makeStyles,
  Tag,
  TagGroup,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { INPUT_LIMITS, type PersonDto } from '../../../src/api/contracts';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  input: { flexGrow: 1, minWidth: '10rem' },
  hint: { color: tokens.colorNeutralForeground3 },
  tags: { flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** Props of `PeopleInput`. */
export interface PeopleInputProps {
  /** The question, as the field's label. */
  readonly label: string;
  /** The people so far. */
  readonly people: readonly PersonDto[];
  /** Called with the new list. */
  readonly onChange: (people: PersonDto[]) => void;
  /** Test id of the text field. */
  readonly testId?: string;
}

/** The names in a typed text, trimmed, without blanks or repeats of `existing` (ignoring case). */
function namesIn(text: string, existing: readonly PersonDto[]): PersonDto[] {
  const seen = new Set(existing.map((person) => person.name.toLocaleLowerCase()));
  const added: PersonDto[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const name = raw.trim().slice(0, INPUT_LIMITS.nameLength);
    if (!name || seen.has(name.toLocaleLowerCase())) continue;
    seen.add(name.toLocaleLowerCase());
    added.push({ name });
  }
  return added;
}

/** Edits a list of people. */
export function PeopleInput({ label, people, onChange, testId }: PeopleInputProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const hintId = useId();
  const full = people.length >= INPUT_LIMITS.people;

  const add = () => {
    const added = namesIn(draft, people);
    onChange([...people, ...added].slice(0, INPUT_LIMITS.people));
    setDraft('');
  };

  return (
    <div className={styles.field}>
      <Label htmlFor={inputId}>{label}</Label>
      <div className={styles.row}>
        <Input
          id={inputId}
          className={styles.input}
          value={draft}
          disabled={full}
          aria-describedby={hintId}
          data-testid={testId}
          onChange={(_event, data) => setDraft(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button disabled={full || draft.trim().length === 0} onClick={add}>
          {t('people.add')}
        </Button>
      </div>
      <Caption1 id={hintId} className={styles.hint}>
        {full ? t('people.full', { limit: String(INPUT_LIMITS.people) }) : t('people.hint')}
      </Caption1>
      {people.length > 0 && (
        <TagGroup
          className={styles.tags}
          aria-label={label}
          onDismiss={(_event, data) =>
            onChange(people.filter((person) => person.name !== data.value))
          }
        >
          {people.map((person) => (
            <Tag
              key={person.id ?? person.name}
              value={person.name}
              shape="circular"
              dismissible
              dismissIcon={{ 'aria-label': t('people.remove', { name: person.name }) }}
            >
              {person.name}
            </Tag>
          ))}
        </TagGroup>
      )}
    </div>
  );
}
