const ImportPage = () => null;

export default ImportPage;
