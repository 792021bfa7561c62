/** The node's subtitle is a literal (n8n's lint rule wants one): it must name what the options do. */
import { GuGuData } from '../../nodes/GuGuData/GuGuData.node';
import { OPERATION_NAMES } from '../../nodes/GuGuData/actions/operationNames';

describe('operation names', () => {
	const { subtitle } = new GuGuData().description;

	it('the subtitle maps every operation to its name in the editor', () => {
		const map = /^=\{\{ (\{.*\})\[\$parameter\["operation"\]\] \}\}$/.exec(String(subtitle));
		expect(map).not.toBeNull();
		expect(JSON.parse(map![1])).toEqual(OPERATION_NAMES);
	});
});
