import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject, SwaggerCustomOptions } from '@nestjs/swagger';
import { addCiamErrorResponses } from 'nestjs-ciam-errors/swagger';

/** Where Swagger UI is served; the document is at `/${DOCS_PATH}-json`. */
export const DOCS_PATH = 'docs';

/**
 * The app's OpenAPI document, with the error responses of each `@ApiCiamErrors` route as this
 * app answers them, served with Swagger UI at `/docs` and as JSON at `/docs-json`. Call it before
 * `app.listen()` (or `app.init()`): its routes must come before the app's own.
 */
export function setupOpenApi(app: INestApplication, options?: SwaggerCustomOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('nestjs-ciam-errors sample')
    .setDescription('User accounts on Tencent Cloud CIAM; every CIAM error answered as documented.')
    .setVersion('1.0')
    // The access token of POST /auth/sessions, for the /auth routes marked @ApiBearerAuth().
    .addBearerAuth()
    .build();
  const document = addCiamErrorResponses(app, SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(DOCS_PATH, app, document, options);
  return document;
}
