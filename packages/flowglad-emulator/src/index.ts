/** flowglad-emulator: a local, stateful Flowglad API for the official `@flowglad/node` client. */
export * from './core'
export { createEmulator, type Emulator, type EmulatorOptions } from './createEmulator'
export { defaultPricingFile, loadPricingModel } from './node/loadPricingModel'
export { type EmulatorServer, startEmulatorServer } from './node/startEmulatorServer'
