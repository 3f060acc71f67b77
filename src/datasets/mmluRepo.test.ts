import { describe, expect, it } from 'vitest';
import { loadMmlu } from './mmluRepo';

const MAPPING = JSON.stringify({
  anatomy: { name: 'Anatomy', category: 'Other' },
  astronomy: { name: 'Astronomy', category: 'STEM' },
});
const FILES: Record<string, string> = {
  'mapping.json': MAPPING,
  'test/anatomy_test.csv': 'What is a bone?,A,B,C,D,A\n',
  'test/astronomy_test.csv': 'What is a star?,A,B,C,D,B\n',
};

describe('loadMmlu', () => {
  it('lists the subjects for an unknown one', async () => {
    const read = async (path: string) => FILES[path]!;
    await expect(loadMmlu(Object.keys(FILES), read, ['anatomyy'])).rejects.toThrow('MMLU has no subject "anatomyy"; the subjects are anatomy, astronomy');
  });
});
