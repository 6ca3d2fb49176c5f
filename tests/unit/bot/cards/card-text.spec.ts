import { escapeCardText } from '../../../../bot/cards/card-text';

describe('escapeCardText', () => {
  it('shows markdown characters as typed', () => {
    expect(escapeCardText('**bold** _it_ [x](http://evil) # h')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\[x\\]\\(http://evil\\) \\# h',
    );
  });

  it('cannot start a list or open a card date function', () => {
    expect(escapeCardText('- item')).toBe('\\- item');
    expect(escapeCardText('1. first')).toBe('1\\. first');
    expect(escapeCardText('{{DATE(2026-01-01T00:00:00Z)}}')).not.toContain('{{');
  });

  it('leaves plain words alone', () => {
    expect(escapeCardText('Priya Nair, Tomás García')).toBe('Priya Nair, Tomás García');
  });
});
