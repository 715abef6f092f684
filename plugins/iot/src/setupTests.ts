import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The 2-core CI machine runs every package's suites at once: user-event
// typing, debounced validation and real polls take several times longer
// there than on a laptop, so give waits and tests room instead of flaking.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);
