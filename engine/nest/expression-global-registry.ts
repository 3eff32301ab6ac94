import { Injectable } from '@nestjs/common';
import { ExpressionGlobalTable } from '../core/expressions/expression-globals.js';

/** Host objects offered to every expression; the CRM registers its `crm` here at start. */
@Injectable()
export class ExpressionGlobalRegistry extends ExpressionGlobalTable {}
