/**
 * The Admin page's organization defaults: the reminder day, time and quiet hours people start
 * with, the set of weekly challenges, which features are on, and overrides per Entra group.
 *
 * @remarks
 * The server checks every value and answers 422 for what does not fit; this form only offers
 * choices that fit. Group quiet hours can be set through the API; the form keeps whatever a
 * group has.
 */
import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  tokens,
} from '@fluentui/react-components';
import type { OrgDefaultsBody } from '../../../src/api/admin-contracts';
import type { Versioned } from '../api';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { ReminderFields, TIME_OF_DAY, WeekdayOptions } from '../components/reminder-fields';
import { Section } from '../components/section';
import { StatusText } from '../components/status-text';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';
import { useVersionedSave } from '../session/use-versioned-save';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { margin: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  switches: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Defaults = OrgDefaultsBody;
type Group = Defaults['groups'][number];
type FeatureName = keyof Defaults['features'];

const CHALLENGE_SETS = ['all', 'gentle'] as const satisfies readonly Defaults['challengeSet'][];
const FEATURES: ReadonlyArray<[FeatureName, MessageKey]> = [
  ['reps', 'admin.defaults.feature.reps'],
  ['helpRequests', 'admin.defaults.feature.helpRequests'],
  ['composeExtension', 'admin.defaults.feature.composeExtension'],
];
/** The two ends of the quiet hours, in the order the form shows them. */
const QUIET_EDGES = ['start', 'end'] as const;
/** A group value's "as for everyone" choice. */
const SAME = '';

/** The challenge sets as a `<select>`'s options. */
function ChallengeSetOptions() {
  const { t } = useI18n();
  return (
    <>
      {CHALLENGE_SETS.map((set) => (
        <option key={set} value={set}>
          {t(`admin.defaults.challengeSet.${set}`)}
        </option>
      ))}
    </>
  );
}

/** A group's override without one field (a choice of "as for everyone"). */
function without<K extends keyof Group>(group: Group, key: K): Group {
  const rest = { ...group };
  delete rest[key];
  return rest;
}

function GroupFields({
  group,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  readonly group: Group;
  readonly index: number;
  readonly count: number;
  readonly onChange: (group: Group) => void;
  readonly onMove: () => void;
  readonly onRemove: () => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const name = group.label || t('admin.defaults.group.unnamed', { number: String(index + 1) });
  const setFeature = (feature: FeatureName, value: string) => {
    const features = { ...group.features };
    if (value === SAME) delete features[feature];
    else features[feature] = value === 'on';
    onChange(
      Object.keys(features).length > 0 ? { ...group, features } : without(group, 'features'),
    );
  };

  return (
    <fieldset className={styles.group} data-testid="admin-defaults-group">
      <legend className={styles.legend}>{name}</legend>
      <div className={styles.row}>
        <Field
          label={t('admin.defaults.group.id')}
          hint={t('admin.defaults.group.idHint')}
          required
        >
          <Input
            value={group.groupId}
            onChange={(_event, data) => onChange({ ...group, groupId: data.value.trim() })}
          />
        </Field>
        <Field label={t('admin.defaults.group.label')}>
          <Input
            value={group.label ?? ''}
            onChange={(_event, data) =>
              onChange(data.value ? { ...group, label: data.value } : without(group, 'label'))
            }
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label={t('admin.defaults.day')}>
          <Select
            value={group.reminderDay === undefined ? SAME : String(group.reminderDay)}
            onChange={(_event, data) =>
              onChange(
                data.value === SAME
                  ? without(group, 'reminderDay')
                  : { ...group, reminderDay: Number(data.value) },
              )
            }
          >
            <option value={SAME}>{t('admin.defaults.group.same')}</option>
            <WeekdayOptions />
          </Select>
        </Field>
        <Field label={t('admin.defaults.time')} hint={t('admin.defaults.group.timeHint')}>
          <Input
            type="time"
            value={group.reminderTime ?? ''}
            onChange={(_event, data) => {
              if (data.value === '') onChange(without(group, 'reminderTime'));
              else if (TIME_OF_DAY.test(data.value))
                onChange({ ...group, reminderTime: data.value });
            }}
          />
        </Field>
        <Field label={t('admin.defaults.challengeSet')}>
          <Select
            value={group.challengeSet ?? SAME}
            onChange={(_event, data) =>
              onChange(
                data.value === 'all' || data.value === 'gentle'
                  ? { ...group, challengeSet: data.value }
                  : without(group, 'challengeSet'),
              )
            }
          >
            <option value={SAME}>{t('admin.defaults.group.same')}</option>
            <ChallengeSetOptions />
          </Select>
        </Field>
        {FEATURES.map(([feature, label]) => {
          const value = group.features?.[feature];
          return (
            <Field key={feature} label={t(label)}>
              <Select
                value={value === undefined ? SAME : value ? 'on' : 'off'}
                onChange={(_event, data) => setFeature(feature, data.value)}
              >
                <option value={SAME}>{t('admin.defaults.group.same')}</option>
                <option value="on">{t('admin.defaults.group.on')}</option>
                <option value="off">{t('admin.defaults.group.off')}</option>
              </Select>
            </Field>
          );
        })}
      </div>
      <div className={styles.actions}>
        {index > 0 && <Button onClick={onMove}>{t('admin.defaults.group.up', { name })}</Button>}
        <Button onClick={onRemove}>{t('admin.defaults.group.remove', { name })}</Button>
      </div>
      {count > 1 && index === 0 && (
        <Body1 as="p" className={styles.text}>
          {t('admin.defaults.group.first')}
        </Body1>
      )}
    </fieldset>
  );
}

function DefaultsForm({
  loaded,
  onSaved,
}: {
  readonly loaded: Versioned<Defaults>;
  readonly onSaved: (saved: Versioned<Defaults>) => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const { draft, update, saving, status, problem, submit } = useVersionedSave({
    loaded,
    save: (defaults, etag) => api.saveOrgDefaults(defaults, etag),
    load: () => api.getOrgDefaults(),
    onSaved,
    adoptSaved: true,
    messages: {
      saved: 'admin.defaults.saved',
      conflict: 'admin.defaults.conflict',
      invalid: 'admin.defaults.invalid',
      failed: 'admin.defaults.failed',
    },
  });
  const setGroups = (change: (groups: Group[]) => Group[]) =>
    update({ groups: change([...draft.groups]) });
  const quiet = draft.quietHours;

  return (
    <form className={styles.form} onSubmit={submit}>
      <div className={styles.row}>
        <ReminderFields
          day={draft.reminderDay}
          time={draft.reminderTime}
          dayLabel={t('admin.defaults.day')}
          timeLabel={t('admin.defaults.time')}
          onDay={(reminderDay) => update({ reminderDay })}
          onTime={(reminderTime) => update({ reminderTime })}
        />
        <Field label={t('admin.defaults.challengeSet')}>
          <Select
            value={draft.challengeSet}
            onChange={(_event, data) =>
              update({ challengeSet: data.value === 'gentle' ? 'gentle' : 'all' })
            }
          >
            <ChallengeSetOptions />
          </Select>
        </Field>
      </div>
      <Switch
        checked={quiet !== null}
        label={t('admin.defaults.quiet')}
        onChange={(_event, data) =>
          update({ quietHours: data.checked ? { start: '22:00', end: '07:00' } : null })
        }
      />
      {quiet && (
        <div className={styles.row}>
          {QUIET_EDGES.map((edge) => (
            <Field key={edge} label={t(`admin.defaults.quiet.${edge}`)}>
              <Input
                type="time"
                required
                value={quiet[edge]}
                onChange={(_event, data) => {
                  if (TIME_OF_DAY.test(data.value)) {
                    update({ quietHours: { ...quiet, [edge]: data.value } });
                  }
                }}
              />
            </Field>
          ))}
        </div>
      )}
      <div className={styles.switches}>
        {FEATURES.map(([feature, label]) => (
          <Switch
            key={feature}
            checked={draft.features[feature]}
            label={t(label)}
            onChange={(_event, data) =>
              update({ features: { ...draft.features, [feature]: data.checked } })
            }
          />
        ))}
      </div>
      <Body1 as="p" className={styles.text}>
        {t('admin.defaults.groups.body')}
      </Body1>
      {draft.groups.map((group, index) => (
        <GroupFields
          // Groups have no id until one is typed; their place in the list is who they are.
          key={index}
          group={group}
          index={index}
          count={draft.groups.length}
          onChange={(next) => setGroups((groups) => groups.map((g, i) => (i === index ? next : g)))}
          onMove={() =>
            setGroups((groups) => {
              const above = groups[index - 1];
              if (above) [groups[index - 1], groups[index]] = [group, above];
              return groups;
            })
          }
          onRemove={() => setGroups((groups) => groups.filter((_g, i) => i !== index))}
        />
      ))}
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button onClick={() => setGroups((groups) => [...groups, { groupId: '' }])}>
          {t('admin.defaults.groups.add')}
        </Button>
        <Button type="submit" appearance="primary" disabled={saving}>
          {t('admin.defaults.save')}
        </Button>
      </div>
      <StatusText text={status} testId="admin-defaults-status" />
    </form>
  );
}

/** The organization defaults section; `onChanged` runs after a save (the audit log grew). */
export function OrgDefaults({ onChanged }: { readonly onChanged: () => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const defaults = useResource(() => api.getOrgDefaults(), 'org-defaults');
  const state = defaults.state;
  return (
    <Section title={t('admin.defaults.title')}>
      <Body1 as="p" className={styles.text}>
        {t('admin.defaults.body')}
      </Body1>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={defaults.reload} />}
      {state.status === 'ready' && (
        <DefaultsForm
          loaded={state.value}
          onSaved={(saved) => {
            defaults.set(saved);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
