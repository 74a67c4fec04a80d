/// <reference types="office-js" />
/**
 * The ribbon's function file. The only button (打开评价助手) opens the task pane, which Office does
 * itself, so no function is registered here; the page must still load and initialise Office.
 */
Office.onReady(() => undefined);

export {};
