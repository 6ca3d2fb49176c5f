/**
 * The history as a list: one entry per week, newest first, each a link to the week in full.
 *
 * @remarks
 * Five years of weekly entries (260) must draw within a frame budget, so an entry is plain
 * markup: the styles are computed once for the whole list, the link is an `<a>` styled like
 * Fluent's link (its component adds hooks per instance), dates use cached formatters, and
 * entries out of view are not laid out.
 */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { ReflectionSummary } from '../../../src/api/contracts';
import { formatWeekSpan, weekNumber } from '../i18n/formats';
import { useI18n, type I18n } from '../i18n/i18n-context';
import { hrefOf } from '../navigation/route';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // Entries outside the viewport skip layout and paint until scrolled near (Chromium, which
    // Teams, Outlook and Edge run on); the estimate keeps the scrollbar steady meanwhile.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 7.5rem',
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { color: tokens.colorBrandForegroundLinkHover, textDecorationLine: 'underline' },
    ':active': { color: tokens.colorBrandForegroundLinkPressed },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  text: {
    margin: 0,
    overflowWrap: 'break-word',
    display: '-webkit-box',
    WebkitLineClamp: '3',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  facts: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'break-word' },
});

type Classes = ReturnType<typeof useStyles>;

function facts(item: ReflectionSummary, { t, tp }: I18n): string {
  const parts: string[] = [];
  if (item.helpedBy.length > 0) {
    parts.push(t('history.helpedBy', { names: item.helpedBy.join(', ') }));
  }
  if (item.connected.length > 0) {
    parts.push(t('history.connected', { names: item.connected.join(', ') }));
  }
  if (item.yesCount !== null) parts.push(tp('history.yes', item.yesCount));
  parts.push(tp('history.reps', item.reps.total));
  return parts.join(' · ');
}

const HistoryItem = memo(function HistoryItem({
  item,
  i18n,
  classes,
}: {
  item: ReflectionSummary;
  i18n: I18n;
  classes: Classes;
}) {
  const { t, language } = i18n;
  return (
    <li className={classes.item} data-testid="history-item" data-week={item.week}>
      <div className={classes.head}>
        <h3 className={classes.title}>
          <a className={classes.link} href={hrefOf({ page: 'reflection', week: item.week })}>
            {t('history.week', {
              number: String(weekNumber(item.week)),
              span: formatWeekSpan(language, item.startsOn, item.endsOn),
            })}
          </a>
        </h3>
        {!item.completed && (
          <Badge appearance="outline" color="informative">
            {t('history.draft')}
          </Badge>
        )}
      </div>
      {item.holdingAlone && <p className={classes.text}>{item.holdingAlone}</p>}
      <p className={classes.facts}>{facts(item, i18n)}</p>
    </li>
  );
});

/** The list of reflections. */
export function HistoryList({ items }: { readonly items: readonly ReflectionSummary[] }) {
  const classes = useStyles();
  const i18n = useI18n();
  return (
    <ul className={classes.list} data-testid="history-list">
      {items.map((item) => (
        <HistoryItem key={item.week} item={item} i18n={i18n} classes={classes} />
      ))}
    </ul>
  );
}
