import nock from 'nock';

// nock patches node's http modules, which jest does not re-create per test file: without this,
// one file's interceptors answer (or refuse) the next file's requests.
afterEach(() => {
	nock.cleanAll();
});
afterAll(() => {
	nock.restore();
});
