import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SEARCH_TERMS,
  foldForSearch,
  matchesSearchTerms,
  parseSearchQuery,
} from '../../../shared/search-query.ts';

// Words as people type them: letters (some accented, some upper-case), digits, _ and -.
const word = fc.stringMatching(/^[a-zA-Z0-9_\-éüçÉ]{1,12}$/);
const spaces = fc.stringMatching(/^[ \t\n]{1,3}$/);
const query = fc
  .array(fc.tuple(word, spaces), { minLength: 0, maxLength: 6 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('parseSearchQuery', () => {
  it('splits on white space and folds case and accents', () => {
    expect(parseSearchQuery('  Acme   BambooHR ')).toEqual(['acme', 'bamboohr']);
    expect(parseSearchQuery('Société\tGÉNÉRALE')).toEqual(['societe', 'generale']);
  });

  it('keeps a double-quoted phrase as one term, even unclosed', () => {
    expect(parseSearchQuery('"acme  corp" hibob')).toEqual(['acme corp', 'hibob']);
    expect(parseSearchQuery('hibob "acme corp')).toEqual(['hibob', 'acme corp']);
    expect(parseSearchQuery('"" "  "')).toEqual([]);
  });

  it('drops repeats and words contained in another word', () => {
    expect(parseSearchQuery('acme ACME ac token_expired expired')).toEqual(['acme', 'token_expired']);
  });

  it('answers no terms for an empty or blank query', () => {
    expect(parseSearchQuery('')).toEqual([]);
    expect(parseSearchQuery(' \t\n ')).toEqual([]);
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${String(i).padStart(2, '0')}`).join(' ');
    expect(parseSearchQuery(many)).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('gives non-empty, folded terms without white space, none inside another', () => {
    fc.assert(
      fc.property(query, (q) => {
        const terms = parseSearchQuery(q);
        for (const term of terms) {
          expect(term).not.toBe('');
          expect(term).toBe(foldForSearch(term));
          expect(term).not.toMatch(/\s/);
          expect(terms.filter((other) => other.includes(term))).toEqual([term]);
        }
      }),
    );
  });

  it('does not depend on the order of the words', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: MAX_SEARCH_TERMS }), (words) => {
        const forward = parseSearchQuery(words.join(' '));
        const backward = parseSearchQuery([...words].reverse().join(' '));
        expect(new Set(backward)).toEqual(new Set(forward));
      }),
    );
  });

  it('is stable: parsing its own terms again gives them back', () => {
    fc.assert(
      fc.property(query, (q) => {
        const terms = parseSearchQuery(q);
        expect(parseSearchQuery(terms.join(' '))).toEqual(terms);
      }),
    );
  });

  it('matches a text exactly when every typed word matches it on its own', () => {
    const text = fc
      .array(word, { minLength: 1, maxLength: 6 })
      .map((ws) => foldForSearch(ws.join(' \u0001 ')));
    fc.assert(
      fc.property(text, fc.array(word, { minLength: 1, maxLength: MAX_SEARCH_TERMS }), (t, words) => {
        const all = matchesSearchTerms(t, parseSearchQuery(words.join(' ')));
        const each = words.every((w) => matchesSearchTerms(t, parseSearchQuery(w)));
        expect(all).toBe(each);
      }),
    );
  });

  it('finds a text by any pieces of its words, in any case and order', () => {
    const fields = fc.array(word, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fields, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (ws, picks) => {
        const searchText = foldForSearch(ws.join(' \u0001 '));
        const typed = picks.map((i) => {
          const w = ws[i % ws.length]!;
          return w.slice(i % w.length).toUpperCase();
        });
        expect(matchesSearchTerms(searchText, parseSearchQuery(typed.reverse().join(' ')))).toBe(true);
      }),
    );
  });
});
