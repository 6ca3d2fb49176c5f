/**
 * The navigation between the tab's pages: a tab list that scrolls sideways on narrow screens,
 * so every page stays one arrow key away down to 320 px.
 */
import { makeStyles, Tab, TabList } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import type { PageName } from '../navigation/route';

const useStyles = makeStyles({
  nav: { overflowX: 'auto', overflowY: 'hidden', marginInline: '-4px', paddingInline: '4px' },
  list: { width: 'max-content' },
});

/** The id of a page's tab, which also names the panel below it. */
export function tabIdOf(page: PageName): string {
  return `nav-tab-${page}`;
}

/** Props of `AppNav`. */
export interface AppNavProps {
  /** The pages to offer, in order. */
  readonly pages: readonly PageName[];
  /** The current page. */
  readonly current: PageName;
  /** Called when the user picks a page. */
  readonly onSelect: (page: PageName) => void;
}

/** The tab list of pages. */
export function AppNav({ pages, current, onSelect }: AppNavProps) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <nav aria-label={t('nav.label')} className={styles.nav}>
      <TabList
        className={styles.list}
        selectedValue={current}
        onTabSelect={(_event, data) => onSelect(data.value as PageName)}
      >
        {pages.map((page) => (
          <Tab key={page} value={page} id={tabIdOf(page)} aria-controls="page-panel">
            {t(`nav.${page}`)}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}
