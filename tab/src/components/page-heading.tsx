/**
 * A page's top heading. It can take focus, so that after following a link the shell moves
 * focus there and a screen reader announces the new page.
 */
import { makeStyles, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** The id the shell focuses after a navigation by link. */
export const PAGE_HEADING_ID = 'page-heading';

const useStyles = makeStyles({
  heading: { margin: 0, overflowWrap: 'anywhere', ':focus': { outlineStyle: 'none' } },
});

/** The page's `h2`. */
export function PageHeading({ children }: { readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <Title3 as="h2" id={PAGE_HEADING_ID} tabIndex={-1} className={styles.heading}>
      {children}
    </Title3>
  );
}
