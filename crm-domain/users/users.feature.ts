import type { CrmFeature } from '../shared/crm-feature.js';
import { CrmGroupSource } from './crm-group-source.js';
import { Team } from './team.entity.js';
import { TeamsService } from './teams.service.js';
import { User } from './user.entity.js';
import { TeamsController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

export const usersFeature: CrmFeature = {
  entities: [Team, User],
  providers: [UsersService, TeamsService, CrmGroupSource],
  controllers: [UsersController, TeamsController],
};
