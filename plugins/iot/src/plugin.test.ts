import { iotPlugin } from './plugin';

describe('iot', () => {
  it('should export plugin', () => {
    expect(iotPlugin).toBeDefined();
  });
});
