/** Helpers for driving n8n's editor with playwright-core. */
import { statSync } from 'node:fs';

import type { Locator, Page } from 'playwright-core';

import { sleep } from './dev-server';

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Counts the page's requests in flight, so a capture can wait for network idle after a click
 * (page.waitForLoadState('networkidle') only covers navigations). n8n's push connection
 * (/rest/push, a WebSocket or a long-lived request) never ends and is not counted.
 */
export function trackRequests(page: Page): () => number {
	const inFlight = new Set<unknown>();
	const ignored = (url: string) => url.includes('/rest/push');
	page.on('request', (request) => {
		if (!ignored(request.url())) inFlight.add(request);
	});
	page.on('requestfinished', (request) => inFlight.delete(request));
	page.on('requestfailed', (request) => inFlight.delete(request));
	return () => inFlight.size;
}

/** Waits until no request has been in flight for quietMs (at most timeoutMs). */
export async function waitForIdle(
	inFlight: () => number,
	{ quietMs = 600, timeoutMs = 15_000 }: { quietMs?: number; timeoutMs?: number } = {},
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let quietSince = Date.now();
	while (Date.now() < deadline) {
		if (inFlight() > 0) quietSince = Date.now();
		else if (Date.now() - quietSince >= quietMs) return;
		await sleep(100);
	}
}

/** Waits for web fonts and two animation frames, so the capture shows the settled layout. */
export async function settle(page: Page, inFlight: () => number): Promise<void> {
	await waitForIdle(inFlight);
	await page.evaluate(
		'document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))',
	);
	// Element Plus transitions (dialogs, dropdowns, NDV) run for up to 300 ms.
	await sleep(400);
}

/**
 * Closes what n8n may put in the way: onboarding, "what's new", survey and other modals that are
 * not the one being captured, toasts, and open tooltips or dropdowns.
 */
export async function dismissInterruptions(page: Page, keep: string[] = []): Promise<string[]> {
	const closed: string[] = [];
	// Known n8n modals and panels (data-test-id) with a close button.
	for (const id of [
		'nps-survey-modal',
		'whats-new-modal',
		'version-updates-panel',
		'contact-prompt-modal',
	]) {
		const modal = page.getByTestId(id);
		if (!(await isShown(modal))) continue;
		const close = modal.locator(
			'.el-dialog__headerbtn, .el-drawer__close-btn, [aria-label="Close"], button:has-text("Close")',
		);
		if (await isShown(close.first())) await close.first().click();
		else await page.keyboard.press('Escape');
		closed.push(id);
	}
	// Any other open dialog (Element Plus) that is not kept.
	const dialogs = page.locator('.el-overlay .el-dialog');
	for (let i = 0; i < (await dialogs.count()); i++) {
		const dialog = dialogs.nth(i);
		if (!(await isShown(dialog))) continue;
		const id = (await dialog.getAttribute('data-test-id')) ?? '';
		const inner = await dialog
			.locator('[data-test-id]')
			.first()
			.getAttribute('data-test-id')
			.catch(() => null);
		if (keep.includes(id) || (inner && keep.includes(inner))) continue;
		const close = dialog.locator('.el-dialog__headerbtn');
		if (await isShown(close)) await close.click();
		else await page.keyboard.press('Escape');
		closed.push(id || inner || 'dialog');
	}
	// Toasts.
	const toastClose = page.locator('.el-notification .el-notification__closeBtn');
	for (let i = (await toastClose.count()) - 1; i >= 0; i--) {
		if (await isShown(toastClose.nth(i))) {
			await toastClose.nth(i).click();
			closed.push('toast');
		}
	}
	if (closed.length > 0) await sleep(400);
	return closed;
}

/** True when the locator's first match exists and is visible. */
export async function isShown(locator: Locator): Promise<boolean> {
	try {
		return (await locator.count()) > 0 && (await locator.first().isVisible());
	} catch {
		return false;
	}
}

/** Throws when a spinner or loading mask is visible inside the given area. */
export async function assertNoSpinner(scope: Locator, what: string): Promise<void> {
	const spinners = scope.locator(
		'.el-loading-mask, .el-loading-spinner, [class*="spinner" i], .is-loading',
	);
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		let visible = false;
		for (let i = 0; i < (await spinners.count()); i++) {
			if (await spinners.nth(i).isVisible()) visible = true;
		}
		if (!visible) return;
		await sleep(250);
	}
	throw new Error(`${what}: a spinner is still showing after 15 s`);
}

export async function boxOf(locator: Locator, what: string): Promise<Box> {
	const box = await locator.boundingBox();
	if (!box || box.width === 0 || box.height === 0) throw new Error(`${what} is not on screen`);
	return box;
}

/** The lowest bottom edge among the visible matches of locator. */
export async function lowestBottom(locator: Locator): Promise<number> {
	let bottom = 0;
	for (let i = 0; i < (await locator.count()); i++) {
		const box = await locator.nth(i).boundingBox();
		if (box && box.height > 0) bottom = Math.max(bottom, box.y + box.height);
	}
	return bottom;
}

/** Saves the given area of the page as a PNG and returns its size in bytes. */
export async function capture(page: Page, path: string, clip: Box): Promise<number> {
	const viewport = page.viewportSize()!;
	const x = Math.max(0, Math.floor(clip.x));
	const y = Math.max(0, Math.floor(clip.y));
	const right = Math.min(viewport.width, Math.ceil(clip.x + clip.width));
	const bottom = Math.min(viewport.height, Math.ceil(clip.y + clip.height));
	await page.screenshot({
		path,
		clip: { x, y, width: right - x, height: bottom - y },
		animations: 'disabled',
		caret: 'hide',
	});
	return statSync(path).size;
}
