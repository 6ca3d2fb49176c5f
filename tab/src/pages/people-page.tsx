/**
 * People: the support network — who helped, who the person connected with, how often and when
 * last — each with a link to the reflections that name them.
 */
import { Body1, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { NetworkPerson } from '../../../src/api/contracts';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { formatLongDate } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { hrefOf } from '../navigation/route';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { margin: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  person: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  facts: { margin: 0, color: tokens.colorNeutralForeground2 },
});

function PersonCard({ person }: { person: NetworkPerson }) {
  const styles = useStyles();
  const { t, tp, language } = useI18n();
  return (
    <li className={styles.person} data-testid="person">
      <h3 className={styles.name}>{person.name}</h3>
      {person.helped > 0 && (
        <Body1 as="p" className={styles.text}>
          {tp('people.helped', person.helped)}
        </Body1>
      )}
      {person.connected > 0 && (
        <Body1 as="p" className={styles.text}>
          {tp('people.connected', person.connected)}
        </Body1>
      )}
      <Body1 as="p" className={styles.facts}>
        {t('people.last', { date: formatLongDate(language, person.lastSeenOn) })}
      </Body1>
      <Link
        href={hrefOf({ page: 'history', person: person.name })}
        aria-label={t('people.showHistory.label', { name: person.name })}
      >
        {t('people.showHistory')}
      </Link>
    </li>
  );
}

/** The People page. */
export function PeoplePage() {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const people = useResource(() => api.getPeople(), 'people');
  const state = people.state;

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.people')}</PageHeading>
      <Body1 as="p" className={styles.text}>
        {t('people.intro')}
      </Body1>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={people.reload} />}
      {state.status === 'ready' && state.value.people.length === 0 && (
        <Body1 as="p" className={styles.text}>
          {t('people.empty')}
        </Body1>
      )}
      {state.status === 'ready' && state.value.people.length > 0 && (
        <ul className={styles.list}>
          {state.value.people.map((person) => (
            <PersonCard key={person.key} person={person} />
          ))}
        </ul>
      )}
      {state.status === 'ready' && state.value.truncated && (
        <Body1 as="p" className={styles.text}>
          {t('people.truncated')}
        </Body1>
      )}
    </div>
  );
}
