import { ConfigurableModuleBuilder } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CiamExceptionFilter } from './filters/ciam-exception.filter.js';
import type { CiamErrorsModuleOptions } from './interfaces/ciam-errors-options.interface.js';
import { checkBooleanOption } from './options/option-checks.util.js';

/** Options read when the module is built rather than from the (possibly async) options. */
export interface CiamErrorsModuleExtras {
  /** Register the module globally, so feature modules can inject `CiamErrorMapper`. */
  isGlobal: boolean;
  /** Register `CiamExceptionFilter` as a global filter. */
  registerFilter: boolean;
}

export const {
  ConfigurableModuleClass: CiamErrorsConfigurableModule,
  MODULE_OPTIONS_TOKEN: CIAM_ERRORS_RAW_OPTIONS,
  OPTIONS_TYPE: CIAM_ERRORS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CIAM_ERRORS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Omit<CiamErrorsModuleOptions, 'registerFilter'>>({
  moduleName: 'CiamErrors',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createCiamErrorsOptions')
  .setExtras<CiamErrorsModuleExtras>(
    { isGlobal: false, registerFilter: true },
    (definition, extras) => {
      // Read here, when forRoot()/forRootAsync() builds the module, so checked here: a
      // `registerFilter: 'no'` must not boot with the filter registered.
      const isGlobal = checkBooleanOption('isGlobal', extras.isGlobal, false);
      const registerFilter = checkBooleanOption('registerFilter', extras.registerFilter, true);
      return {
        ...definition,
        global: isGlobal,
        providers: [
          ...(definition.providers ?? []),
          ...(registerFilter ? [{ provide: APP_FILTER, useExisting: CiamExceptionFilter }] : []),
        ],
      };
    },
  )
  .build();
