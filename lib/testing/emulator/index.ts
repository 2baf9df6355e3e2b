export { startCiamEmulator } from './ciam-emulator.js';
export type {
  CiamEmulator,
  CiamEmulatorFailNextOptions,
  CiamEmulatorFailure,
  CiamEmulatorOptions,
} from './ciam-emulator.interface.js';
