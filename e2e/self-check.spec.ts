import { expect, test } from '@playwright/test';

for (const device of ['webgpu', 'wasm'] as const) {
  test(`computes the PyTorch log-likelihoods within 1e-4 on ${device}`, async ({ page }) => {
    await page.goto('./');
    await page.getByText('Self-check').click();
    await page.getByTestId(`self-check-${device}`).click();
    const report = page.getByTestId('self-check-report');
    await expect(report).toHaveAttribute('data-device', device, { timeout: 5 * 60_000 });
    await expect(report).toHaveAttribute('data-failed', '0');
    expect(Number(await report.getAttribute('data-worst'))).toBeLessThan(1e-4);
  });
}
