/**
 * What every contract artifact ({@code orderly-<module>-contract}) uses to version its integration
 * events: {@link dev.orderly.platform.contract.EventVersion} and
 * {@link dev.orderly.platform.contract.EventUpcaster}; and the port through which a contract describes
 * an event that ends sessions ({@link dev.orderly.platform.contract.SessionEndings}). Part of the
 * platform (the shared kernel), in an artifact of its own so that contract artifacts stay free of
 * Spring and Jackson (docs/adr/0031).
 */
package dev.orderly.platform.contract;
