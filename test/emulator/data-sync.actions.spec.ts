import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';

describe('CIAM emulator: data-sync jobs', () => {
  let emulator: CiamEmulator;
  let client: CommonClient;
  let store: string;

  const importUsers = async (users: Record<string, unknown>[]): Promise<any> =>
    (
      await client.request('CreateApiImportUserJob', {
        UserStoreId: store,
        DataFlowUserCreateList: users,
      })
    ).Job;

  const listJobs = async (JobIds?: string[]): Promise<any[]> =>
    (await client.request('ListJobs', { UserStoreId: store, JobIds })).JobSet;

  beforeAll(async () => {
    // Jobs complete only through completeJobs() here, so timing never matters.
    emulator = await startCiamEmulator({ jobDurationMs: 60_000 });
    client = ciamClient(emulator);
    store = emulator.userStoreId;
  });

  beforeEach(() => emulator.reset());

  afterAll(() => emulator.close());

  it('creates an import job PENDING, then PROCESSING, then COMPLETED with the users', async () => {
    const job = await importUsers([{ UserName: 'ada' }, { Email: 'bob@example.com' }]);
    expect(job).toMatchObject({ Status: 'PENDING', Type: 'IMPORT_USER', FailedUsers: [] });

    expect((await listJobs([job.Id]))[0].Status).toBe('PROCESSING');
    emulator.completeJobs();
    expect((await listJobs([job.Id]))[0].Status).toBe('COMPLETED');

    const users = await client.request('ListUser', {
      UserStoreId: store,
      Pageable: { PageSize: 10, PageNumber: 1 },
    });
    expect(users.Total).toBe(2);
  });

  it('reports users that could not be imported in FailedUsers', async () => {
    await client.request('CreateUser', { UserStoreId: store, UserName: 'ada' });

    const job = await importUsers([
      { UserName: 'ada' },
      { Nickname: 'no identifier' },
      { UserName: 'eve' },
    ]);
    emulator.completeJobs();
    const [done] = await listJobs([job.Id]);

    expect(done.Status).toBe('COMPLETED');
    expect(done.FailedUsers).toEqual([
      {
        FailedUserIdentification: 'ada',
        FailedReason: expect.stringContaining('FailedOperation.UserNameAlreadyExists'),
      },
      { FailedReason: expect.stringContaining('FailedOperation.UserNameIsNull') },
    ]);
  });

  it('answers ImportUserIsEmpty to an empty import list', async () => {
    await expectCiamError(importUsers([]), 'FailedOperation.ImportUserIsEmpty');
  });

  it('answers MissingParameter without DataFlowUserCreateList', async () => {
    await expectCiamError(
      client.request('CreateApiImportUserJob', { UserStoreId: store }),
      'MissingParameter',
    );
  });

  it('answers DataFlowTooManyRequests to a third job while two are running', async () => {
    await importUsers([{ UserName: 'a' }]);
    await client.request('CreateFileExportUserJob', { UserStoreId: store, Format: 'CSV' });

    await expectCiamError(
      importUsers([{ UserName: 'c' }]),
      'FailedOperation.DataFlowTooManyRequests',
    );
    await expectCiamError(
      client.request('CreateFileExportUserJob', { UserStoreId: store }),
      'FailedOperation.DataFlowTooManyRequests',
    );

    emulator.completeJobs();
    await expect(importUsers([{ UserName: 'c' }])).resolves.toMatchObject({ Status: 'PENDING' });
  });

  it('gives a completed export job a location in its format', async () => {
    const { Job } = await client.request('CreateFileExportUserJob', {
      UserStoreId: store,
      Format: 'CSV',
      ExportPropertyMaps: [{ UserPropertyCode: 'userName', ColumnName: 'name' }],
    });
    expect(Job).toMatchObject({ Type: 'EXPORT_USER', Format: 'CSV', Location: null });

    emulator.completeJobs();
    const [done] = await listJobs([Job.Id]);

    expect(done.Status).toBe('COMPLETED');
    expect(done.Location).toMatch(/\.csv$/);
  });

  it('answers InvalidParameterValue to an unknown export format', async () => {
    await expectCiamError(
      client.request('CreateFileExportUserJob', { UserStoreId: store, Format: 'XML' }),
      'InvalidParameterValue',
    );
  });

  it('lists all jobs when JobIds is empty', async () => {
    const first = await importUsers([{ UserName: 'a' }]);
    const second = await importUsers([{ UserName: 'b' }]);

    const jobs = await listJobs([]);

    expect(jobs.map((job) => job.Id)).toEqual([first.Id, second.Id]);
  });
});

describe('CIAM emulator: job timing', () => {
  it('completes a job on the first ListJobs after the job duration', async () => {
    const emulator = await startCiamEmulator({ jobDurationMs: 0 });
    try {
      const client = ciamClient(emulator);
      const { Job } = await client.request('CreateApiImportUserJob', {
        UserStoreId: emulator.userStoreId,
        DataFlowUserCreateList: [{ UserName: 'ada' }],
      });

      const { JobSet } = await client.request('ListJobs', { UserStoreId: emulator.userStoreId });

      expect(JobSet).toEqual([expect.objectContaining({ Id: Job.Id, Status: 'COMPLETED' })]);
    } finally {
      await emulator.close();
    }
  });
});
