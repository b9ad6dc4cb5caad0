// Lint for the SPA: the workspace rules plus browser globals and the import boundaries of
// the bulletproof-react layout (shared -> features -> app; features never import each other).
import rootConfig from '../../eslint.config.js';

const features = ['auth', 'profile', 'team', 'policies'];

/** Matches an import of the feature folders named in `names`, by alias or relative path. */
function featureImport(names) {
  return `^(@/features/|(\\.\\./)+(features/)?)(${names.join('|')})(/|$)`;
}

const appImport = {
  regex: '^(@/app(/|$)|(\\.\\./)+app(/|$))',
  message: 'Only src/app may import src/app.',
};

export default [
  ...rootConfig,
  {
    languageOptions: {
      parserOptions: { tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: featureImport(features.filter((other) => other !== feature)),
              message:
                'Features never import each other: lift the shared piece to src/components, src/lib or compose in src/app.',
            },
            appImport,
          ],
        },
      ],
    },
  })),
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/config/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/features(/|$)|(\\.\\./)+features(/|$))',
              message: 'Shared code never imports a feature.',
            },
            appImport,
          ],
        },
      ],
    },
  },
];
